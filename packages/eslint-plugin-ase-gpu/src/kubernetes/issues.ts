import type { ModuleModel } from '../manifest/model.js';
import type { DropCode, Dropped, Failure, FailureCode, Note, NoteCode, Origin } from './types.js';

type Data = Readonly<Record<string, string | number>>;

/** Collects what one module's translation fails on, drops and should tell the team. */
export class IssueSink {
  readonly failures: Failure[] = [];
  readonly dropped: Dropped[] = [];
  readonly notes: Note[] = [];

  constructor(readonly module: ModuleModel | undefined) {}

  fail(code: FailureCode, origin: Origin, message: string, data: Data = {}): void {
    this.failures.push({ code, module: this.module, origin, message, data });
  }

  drop(code: DropCode, origin: Origin, message: string, data: Data = {}): void {
    this.dropped.push({ code, module: this.module, origin, message, data });
  }

  note(code: NoteCode, origin: Origin, message: string, data: Data = {}): void {
    this.notes.push({ code, module: this.module, origin, message, data });
  }
}
