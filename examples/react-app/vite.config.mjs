// `npx vite examples/react-app`: the app without server rendering, against VITE_STRAPI_URL.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

process.env.VITE_STRAPI_URL ??= 'http://localhost:1337';

// The package's entries by their names, as an app imports them, from this repository's source.
const source = (file) => fileURLToPath(new URL(`../../${file}`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      'strapi-plugin-policy-versions/client': source('client/index.ts'),
      'strapi-plugin-policy-versions/react': source('react/index.tsx'),
    },
  },
});
