/** Injection token of the app's pino logger (a pino instance, not a class, so it needs a symbol). */
export const APP_LOGGER = Symbol('APP_LOGGER');
