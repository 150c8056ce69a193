// Every line the bench itself writes carries a prefix, to tell it apart from the figures.
export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

export function logError(message: string): void {
  console.error(`[bench] ${message}`);
}
