import { strict as assert } from 'node:assert';
import { FEATURES, serverCapabilities, type LspFeature } from '../../../server/src/lsp/features';

const noop = (): void => undefined;

describe('the server capabilities the features state', () => {
  it('announce every request the server answers', () => {
    const capabilities = serverCapabilities({});
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.ok(capabilities.executeCommandProvider?.commands.includes('marginalia.checkExternalLinks'));
  });

  it('join the commands of two features and merge nested objects key by key', () => {
    const features: LspFeature[] = [
      {
        capabilities: () => ({ executeCommandProvider: { commands: ['a'] }, workspace: { workspaceFolders: { supported: true } } }),
        register: noop,
      },
      {
        capabilities: () => ({
          executeCommandProvider: { commands: ['b'] },
          workspace: { fileOperations: { willRename: { filters: [] } } },
        }),
        register: noop,
      },
      { register: noop },
    ];
    assert.deepEqual(serverCapabilities({}, undefined, features), {
      executeCommandProvider: { commands: ['a', 'b'] },
      workspace: { workspaceFolders: { supported: true }, fileOperations: { willRename: { filters: [] } } },
    });
  });

  it('register each feature once', () => {
    assert.equal(new Set(FEATURES).size, FEATURES.length);
  });
});
