import type { Server } from 'node:http';
import type { CommonConfig, JobManager, Logger, ServiceApp } from '@ai-opencog/service-kit';
import type { AtomSpace, TypeRegistry } from '@ai-opencog/atomspace';

export interface FakeBase {
  name: string;
  description?: string;
  space: AtomSpace;
  createdAt: string;
  updatedAt: string;
}

export interface FakeKnowledge {
  url: string;
  server: Server;
  jobs: JobManager;
  bases: Map<string, FakeBase>;
  close(): Promise<void>;
}

export function createFakeKnowledge(options: { config: CommonConfig; logger: Logger; types?: TypeRegistry }): { service: ServiceApp; jobs: JobManager; bases: Map<string, FakeBase> };
export function startFakeKnowledge(options: { config: CommonConfig; logger: Logger; types?: TypeRegistry }): Promise<FakeKnowledge>;
