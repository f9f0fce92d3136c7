import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { tanstackRouter } from "@tanstack/router-plugin/vite";

// 127.0.0.1, not localhost: demo mode listens on the IPv4 loopback only.
const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  server: {
    port: 5173,
    proxy: { "/api": apiTarget, "/health": apiTarget, "/webhooks": apiTarget },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
