// Money as the main process's refusals spell it: "$110.00". The renderer formats
// for the reader's locale; a message is one sentence for every reader, and the
// office works in one currency until a setting says otherwise (renderer/format.ts).
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const money = (cents: number): string => usd.format(cents / 100);
