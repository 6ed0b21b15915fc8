import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const device = (host: string, container = host) => ({ PathOnHost: host, PathInContainer: container, CgroupPermissions: 'rwm' });

function serialAndCamera(encoding: Encoding) {
  const options = { HostConfig: { Devices: [device('/dev/ttyUSB0'), device('/dev/nvidia0'), device('/dev/catapult0'), device('/dev/video0')] } };
  const built = buildManifest({ modules: { reader: { createOptions: options } } }, encoding);
  return {
    name: `devices other than GPU and FPGA ones (${encoding})`,
    ...codeOf(built),
    errors: [
      { messageId: 'ignoredDevice', data: { module: 'reader', device: '/dev/ttyUSB0' }, ...built.at('reader', '"/dev/ttyUSB0"') },
      { messageId: 'ignoredDevice', data: { module: 'reader', device: '/dev/video0' }, ...built.at('reader', '"/dev/video0"') },
    ],
  };
}

function renamedWhilePrivileged(encoding: Encoding) {
  const options = { HostConfig: { Privileged: true, Devices: [device('/dev/ttyACM0', '/dev/modem'), device('/dev/i2c-1')] } };
  const built = buildManifest({ modules: { modem: { createOptions: options } } }, encoding);
  return {
    name: `a privileged module that renames a device (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'renamedUnderPrivileged',
        data: { module: 'modem', device: '/dev/ttyACM0', target: '/dev/modem' },
        ...built.at('modem', '"/dev/ttyACM0"'),
      },
    ],
  };
}

runRuleTests('no-host-devices', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `GPU and FPGA devices belong to other rules (${encoding})`,
      ...codeOf(buildManifest({ modules: { scorer: { createOptions: { HostConfig: { Devices: [device('/dev/nvidiactl'), device('/dev/nvidia-uvm'), device('/dev/catapult1')] } } } } }, encoding)),
    },
    {
      name: `a privileged module sees host devices at their paths (${encoding})`,
      ...codeOf(buildManifest({ modules: { reader: { createOptions: { HostConfig: { Privileged: true, Devices: [device('/dev/ttyUSB0'), { PathOnHost: '/dev/video0' }] } } } } }, encoding)),
    },
    {
      name: `placeholders and entries that are not objects (${encoding})`,
      ...codeOf(buildManifest({ modules: { reader: { createOptions: { HostConfig: { Devices: [device('${SERIAL_DEVICE}'), '/dev/ttyUSB0:/dev/ttyUSB0'] } } } } }, encoding)),
    },
    { name: `edgeAgent is not applied (${encoding})`, ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { HostConfig: { Devices: [device('/dev/ttyUSB0')] } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [serialAndCamera(encoding), renamedWhilePrivileged(encoding)]),
});
