import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  // Tauri serves the files itself; relative paths keep them working under its protocol.
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Inline nothing: the CSP allows scripts and styles from our own files only.
    assetsInlineLimit: 0,
  },
});
