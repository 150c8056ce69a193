/** Vite's types for what the bundler resolves: CSS imported by a component, for one. */
/// <reference types="vite/client" />
