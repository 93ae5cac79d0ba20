import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { ContainerModule } from '@theia/core/shared/inversify';
import { AI_OPENCOG_SERVICE_PATH, AiOpencogService, type AiOpencogClient } from '../common/ai-opencog-protocol';
import { AiOpencogServiceImpl } from './ai-opencog-service-impl';
import { ServiceClients, ServiceFetch } from './service-clients';
import { DefaultServiceSettings, settingsFromEnvironment } from './service-settings';
import { SpaceSnapshots } from './space-snapshots';

/**
 * The extension's backend: the environment is read once here; each browser connection gets its
 * own service (and clients, configured by that browser's preferences) at AI_OPENCOG_SERVICE_PATH.
 */
const connectionModule = ConnectionContainerModule.create(({ bind, bindBackendService }) => {
  bind(ServiceClients).toSelf().inSingletonScope();
  bind(SpaceSnapshots)
    .toDynamicValue((ctx) => {
      const clients = ctx.container.get(ServiceClients);
      return new SpaceSnapshots(() => clients.cognitive);
    })
    .inSingletonScope();
  bind(AiOpencogServiceImpl).toSelf().inSingletonScope();
  bind(AiOpencogService).toService(AiOpencogServiceImpl);
  bindBackendService<AiOpencogService, AiOpencogClient>(AI_OPENCOG_SERVICE_PATH, AiOpencogService, (service, client) => {
    service.setClient(client);
    client.onDidCloseConnection(() => service.dispose());
    return service;
  });
});

export default new ContainerModule((bind) => {
  bind(DefaultServiceSettings).toConstantValue(settingsFromEnvironment(process.env));
  bind(ServiceFetch).toConstantValue((input: string, init?: RequestInit) => fetch(input, init));
  bind(ConnectionContainerModule).toConstantValue(connectionModule);
});
