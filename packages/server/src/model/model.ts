/**
 * The botocore SWF model shipped in `model/service-2.json`, read once at first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A member of a structure: the shape it has and its documentation (HTML). */
export interface ModelMember {
  shape: string;
  documentation?: string;
}

/** One shape of the model (only the fields the service reads). */
export interface ModelShape {
  type:
    | 'structure'
    | 'list'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float'
    | 'map';
  required?: string[];
  members?: Record<string, ModelMember>;
  member?: ModelMember;
  min?: number;
  max?: number;
  enum?: string[];
  exception?: boolean;
  /** What the shape is (HTML). */
  documentation?: string;
}

/** One operation of the model. */
export interface ModelOperation {
  name: string;
  input?: ModelMember;
  output?: ModelMember;
  errors?: ModelMember[];
  /** What the operation does (HTML). */
  documentation?: string;
}

/** The parts of `service-2.json` the service reads. */
export interface ServiceModel {
  metadata: { apiVersion: string; targetPrefix: string; jsonVersion: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

let cached: ServiceModel | undefined;

/** The `model/` folder of this package, found from this module's location (source or dist). */
function modelDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'model', 'service-2.json');
    if (existsSync(candidate)) return join(dir, 'model');
    dir = dirname(dir);
  }
  throw new Error(
    `Cannot find model/service-2.json above ${fileURLToPath(import.meta.url)}; is the package installed completely?`,
  );
}

/** The SWF model, loaded on first call and cached. */
export function serviceModel(): ServiceModel {
  cached ??= JSON.parse(readFileSync(join(modelDir(), 'service-2.json'), 'utf8')) as ServiceModel;
  return cached;
}

/** The shape named `name`; throws if the model has no such shape (a bug, not bad input). */
export function shapeOf(name: string): ModelShape {
  const shape = serviceModel().shapes[name];
  if (!shape) throw new Error(`The SWF model has no shape ${name}`);
  return shape;
}
