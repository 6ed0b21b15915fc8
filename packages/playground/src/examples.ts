/** The manifests the page can load, bundled at build time from the repository's fixtures. */
import fpgaChunked from '../../../fixtures/examples/fpga-chunked/deployment.json?raw';
import fpgaObject from '../../../fixtures/examples/fpga-object/deployment.template.json?raw';
import fpgaString from '../../../fixtures/examples/fpga-string/deployment.json?raw';
import gpuString from '../../../fixtures/clean/gpu-string/deployment.json?raw';

export interface Example {
  readonly id: string;
  readonly label: string;
  readonly filename: string;
  readonly code: string;
}

export const EXAMPLES: readonly Example[] = [
  { id: 'fpga-string', label: 'FPGA-era manifest, createOptions as a string', filename: 'deployment.json', code: fpgaString },
  { id: 'fpga-chunked', label: 'FPGA-era manifest, chunked createOptions', filename: 'deployment.json', code: fpgaChunked },
  { id: 'fpga-object', label: 'FPGA-era template, createOptions as objects', filename: 'deployment.template.json', code: fpgaObject },
  { id: 'gpu-clean', label: 'GPU-ready manifest (no findings)', filename: 'deployment.json', code: gpuString },
];
