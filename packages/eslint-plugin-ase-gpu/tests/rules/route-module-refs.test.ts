import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const modules = { camera: { createOptions: {} }, filterModule: { createOptions: {} } };

function withRoutes(encoding: Encoding, routes: Record<string, unknown>) {
  return buildManifest({ modules, routes }, encoding);
}

runRuleTests('route-module-refs', {
  valid: ENCODINGS.map((encoding) => ({
    name: `routes between deployed modules (${encoding})`,
    ...codeOf(
      withRoutes(encoding, {
        cameraToFilter: 'FROM /messages/modules/camera/outputs/* INTO BrokeredEndpoint("/modules/filterModule/inputs/input1")',
        filterUp: { route: 'FROM /messages/modules/filterModule/* WHERE temperature > 30 INTO $upstream', priority: 1 },
        all: 'FROM /messages/* INTO $upstream',
        anyModule: 'FROM /messages/modules/* INTO $upstream',
        templated: 'FROM /messages/modules/${MODULE_NAME}/outputs/* INTO $upstream',
      }),
    ),
  })),
  invalid: ENCODINGS.flatMap((encoding) => {
    const renamed = withRoutes(encoding, {
      toFilter: 'FROM /messages/modules/cameraModule/outputs/* INTO BrokeredEndpoint("/modules/filtermodule/inputs/input1")',
    });
    return [
      {
        name: `a renamed source and a mis-cased sink (${encoding})`,
        ...codeOf(renamed),
        output: null,
        errors: [
          { messageId: 'unknownSource', data: { route: 'toFilter', module: 'cameraModule', hint: '' }, ...locate(renamed.code, 'cameraModule') },
          {
            messageId: 'unknownSink',
            data: { route: 'toFilter', module: 'filtermodule', hint: ' (ids are case-sensitive; it deploys "filterModule")' },
            ...locate(renamed.code, 'filtermodule'),
          },
        ],
      },
    ];
  }),
});
