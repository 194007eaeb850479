/** The bare route bench:redirect measures `/r/<code>` against, in the same process. */
export const BARE_PATH = '/bench/bare';
export const BARE_TARGET = 'https://www.newstatesman.com/bench-bare-route';
