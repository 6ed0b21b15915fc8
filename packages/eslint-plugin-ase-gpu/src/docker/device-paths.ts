/**
 * Host device nodes by owner (domain/rules.md ownership): NVIDIA GPU nodes belong to
 * no-docker-gpu-requests, FPGA (catapult) nodes to no-fpga-resources, every other device to no-host-devices.
 */

/** `/dev/nvidia0`, `/dev/nvidiactl`, `/dev/nvidia-uvm`... */
export function isGpuDevicePath(path: string): boolean {
  return path.trim().startsWith('/dev/nvidia');
}

/** `/dev/catapult0`... (Project Brainwave FPGAs on Data Box Edge / ASE Pro FPGA). */
export function isFpgaDevicePath(path: string): boolean {
  return path.trim().startsWith('/dev/catapult');
}
