// Types of icons.mjs, for the test of the installers' configuration.
export declare const ICO_SIZES: number[];
export declare const ICNS_TYPES: [type: string, size: number][];
export declare function packIco(pngs: { size: number; png: Buffer }[]): Buffer;
export declare function packIcns(entries: { type: string; png: Buffer }[]): Buffer;
