import type { RouteModel } from './model.js';

/** A module id named by a route, and where it stands in the decoded route text. */
export interface RouteModuleReference {
  readonly moduleId: string;
  readonly role: 'source' | 'sink';
  /** Offset of the id in the route's decoded text. */
  readonly index: number;
}

const SOURCE_PREFIX = '/messages/modules/';
const SINK_PREFIX = '/modules/';

/**
 * The module ids a route reads from (`FROM /messages/modules/<id>/...`) and writes to
 * (`INTO BrokeredEndpoint("/modules/<id>/inputs/<input>")`). Written with plain string searches so
 * that its cost stays linear in the route's length whatever the text.
 */
export function routeModuleReferences(text: string): RouteModuleReference[] {
  const upper = text.toUpperCase();
  const from = upper.search(/\bFROM\s/u);
  const into = upper.lastIndexOf(' INTO ');
  if (from < 0 || into < from) return [];
  const references: RouteModuleReference[] = [];

  const sourceStart = text.indexOf(SOURCE_PREFIX, from);
  const where = upper.indexOf(' WHERE ', from);
  const sourceEnd = where >= 0 && where < into ? where : into;
  if (sourceStart >= 0 && sourceStart < sourceEnd) {
    const idStart = sourceStart + SOURCE_PREFIX.length;
    const id = readSegment(text, idStart, sourceEnd);
    if (id !== '' && id !== '*') references.push({ moduleId: id, role: 'source', index: idStart });
  }

  const brokered = upper.indexOf('BROKEREDENDPOINT', into);
  if (brokered >= 0) {
    const sinkStart = text.indexOf(SINK_PREFIX, brokered);
    if (sinkStart >= 0) {
      const idStart = sinkStart + SINK_PREFIX.length;
      const id = readSegment(text, idStart, text.length);
      if (id !== '') references.push({ moduleId: id, role: 'sink', index: idStart });
    }
  }
  return references;
}

function readSegment(text: string, start: number, end: number): string {
  let stop = start;
  while (stop < end && !'/"\' \t)'.includes(text[stop]!)) stop++;
  return text.slice(start, stop);
}

export function routeText(route: RouteModel): string | undefined {
  return route.text?.value;
}
