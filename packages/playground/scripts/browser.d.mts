import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM: string;

export interface StaticServer {
  readonly url: string;
  readonly origin: string;
  /** Paths asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export declare function serveStatic(root: string): Promise<StaticServer>;
export declare function launchChromium(): Promise<{ readonly context: BrowserContext; close(): Promise<void> }>;
