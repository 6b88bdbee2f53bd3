/**
 * Zod schemas built on first use. Building dealqual's schemas (the snapshot, the pack and its
 * conditions, the model, the result…) is most of what importing the library would otherwise cost;
 * `lazySchema` defers each to the first time anything reads it — a parse, a property, a JSON Schema
 * — and then forwards everything to the built schema, so callers see a zod schema like any other:
 * `.safeParse`, `.shape`, `.extend`, `instanceof z.ZodType`, use inside other schemas,
 * `z.toJSONSchema`. Metadata (`.describe`, `.meta`) of the built schema is copied to the stand-in,
 * so JSON Schemas and registries read the same from either.
 */
import * as z from 'zod';

/**
 * A schema that `build` makes on first use; typed as what `build` returns.
 * Marked free of side effects (and each call site annotated pure), so a bundler drops the schemas a
 * program never reads.
 * @example const text = lazySchema(() => z.string().trim().min(1)); text.parse(' a ') // 'a'
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends z.core.$ZodType>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    if (!built) {
      built = build();
      const meta = z.globalRegistry.get(built);
      if (meta) z.globalRegistry.add(proxy, meta);
    }
    return built;
  };
  const proxy: T = new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(real(), key);
      return found && { ...found, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
  });
  return proxy;
}
