import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { tanstackRouter } from "@tanstack/router-plugin/vite";

const apiTarget = "http://localhost:3000";

export default defineConfig({
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  server: {
    port: 5173,
    proxy: { "/api": apiTarget, "/health": apiTarget, "/webhooks": apiTarget },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
