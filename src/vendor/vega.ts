/** The Vega runtime, bundled and minified on its own (tsup.config.ts): only `-f html` loads it. */
export * from 'vega';
