/**
 * `HostConfig.Binds` entries as the agent reads them (domain section 6: split on `:`, entries with fewer
 * than two parts ignored, read-only when the third part contains `ro`), and what their source is.
 */

export interface ParsedBind {
  readonly hostPath: string;
  readonly containerPath: string;
  readonly readOnly: boolean;
  /** The options part, as written (`ro`, `rw,z`...). */
  readonly options: string | undefined;
}

export function parseBind(entry: string): ParsedBind | undefined {
  const parts = entry.split(':');
  if (parts.length < 2) return undefined;
  const [hostPath, containerPath, options] = parts as [string, string, string | undefined];
  return { hostPath, containerPath, readOnly: options?.includes('ro') ?? false, options };
}

/** FPGA devices exposed shares enabled for Edge compute at this path. */
export const FPGA_SHARE_ROOT = '/home/hcsshares/';

export type BindSourceKind =
  /** `/home/hcsshares/<share>`: a device share on the FPGA device. */
  | 'share-root'
  /** `/home/hcsshares/<share>/sub/path`. */
  | 'share-subpath'
  /** A Docker named volume (`myvolume:/data`). */
  | 'named-volume'
  /** `/var/run/docker.sock`, the iotedge sockets. */
  | 'socket'
  /** Anything under `/dev/`. */
  | 'device'
  /** Files known to be files: `/etc/hosts`, `/etc/localtime`... */
  | 'known-file'
  /** A path that ends in a file extension: a weaker signal. */
  | 'file-extension'
  /** Any other host directory. */
  | 'host-path';

const KNOWN_FILES = new Set(['/etc/hosts', '/etc/localtime', '/etc/timezone', '/etc/resolv.conf', '/etc/hostname', '/etc/machine-id', '/etc/passwd', '/etc/group']);
const SOCKETS = /^(?:\/var)?\/run\/(?:docker\.sock|iotedge\/[^/]+\.sock)$/u;
const FILE_EXTENSION = /\/[^/]*[^/.]\.(?:json|ya?ml|conf|cfg|ini|xml|toml|txt|log|pem|crt|cer|key|pfx|p12|sock|db|sqlite|csv|env|properties|sh|py|js)$/iu;

/**
 * Directories under /dev (tmpfs /dev/shm, /dev/snd, /dev/bus/usb...): a bind of one passes the hostPath
 * directory check like any host directory, so it is a directory bind (no-binds), not a device bind.
 */
const DEVICE_DIRECTORIES = new Set(['/dev/shm', '/dev/mqueue', '/dev/pts', '/dev/bus', '/dev/bus/usb', '/dev/snd', '/dev/dri', '/dev/input', '/dev/v4l', '/dev/serial', '/dev/disk', '/dev/net']);

function isDeviceDirectory(path: string): boolean {
  return DEVICE_DIRECTORIES.has(path) || path.startsWith('/dev/shm/');
}

/** Strips a trailing slash so that `/etc/hosts/` and `/etc/hosts` read alike. */
function normalisePath(path: string): string {
  if (path.length <= 1) return path;
  // A loop, not /\/+$/: that regex is quadratic on a long run of slashes followed by something else.
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  return path.slice(0, end);
}

export function classifyBindSource(hostPath: string): BindSourceKind {
  const path = normalisePath(hostPath.trim());
  if (!path.startsWith('/')) return 'named-volume';
  if (SOCKETS.test(path) || path.endsWith('.sock')) return 'socket';
  if (path.startsWith('/dev/') && !isDeviceDirectory(path)) return 'device';
  if (KNOWN_FILES.has(path)) return 'known-file';
  if (path.startsWith(FPGA_SHARE_ROOT)) {
    const rest = path.slice(FPGA_SHARE_ROOT.length);
    if (rest.length > 0) return rest.includes('/') ? 'share-subpath' : 'share-root';
  }
  if (FILE_EXTENSION.test(path)) return 'file-extension';
  return 'host-path';
}

/** Files, sockets and devices belong to no-file-bind-mounts; no-binds leaves them alone. */
export function isFileLikeSource(kind: BindSourceKind): boolean {
  return kind === 'socket' || kind === 'device' || kind === 'known-file' || kind === 'file-extension';
}

/** The share name of a `/home/hcsshares/<share>[/...]` path. */
export function shareNameOf(hostPath: string): string | undefined {
  const path = normalisePath(hostPath.trim());
  if (!path.startsWith(FPGA_SHARE_ROOT)) return undefined;
  return path.slice(FPGA_SHARE_ROOT.length).split('/')[0] || undefined;
}

