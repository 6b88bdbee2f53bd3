/** Vega-Lite's compiler, bundled and minified on its own (tsup.config.ts): only `-f html` loads it. */
export * from 'vega-lite';
