import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^ceakit$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      {
        find: /^ceakit\/node$/,
        replacement: fileURLToPath(new URL("./src/node/index.ts", import.meta.url)),
      },
      {
        find: /^ceakit\/scenario$/,
        replacement: fileURLToPath(new URL("./src/scenario/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
