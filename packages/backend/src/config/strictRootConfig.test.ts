import { ConfigSources } from '@backstage/config-loader';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { substituteRequiredEnv } from './strictRootConfig';

describe('substituteRequiredEnv', () => {
  it('returns the trimmed value of a set variable', async () => {
    await expect(
      substituteRequiredEnv('POSTGRES_HOST', {
        POSTGRES_HOST: ' db.internal ',
      }),
    ).resolves.toBe('db.internal');
  });

  it.each([undefined, '', '  '])(
    'refuses a variable that is %p, naming it',
    async value => {
      await expect(
        substituteRequiredEnv('POSTGRES_PASSWORD', {
          POSTGRES_PASSWORD: value,
        }),
      ).rejects.toThrow(/POSTGRES_PASSWORD, which is not set/);
    },
  );

  it('makes loading the production config fail with the missing variable named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-config-'));
    const file = path.join(dir, 'app-config.production.yaml');
    fs.copyFileSync(
      path.resolve(__dirname, '../../../../app-config.production.yaml'),
      file,
    );
    const env = {
      APP_BASE_URL: 'http://localhost:7007',
      POSTGRES_HOST: 'localhost',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'backstage',
    };
    const source = ConfigSources.defaultForTargets({
      rootDir: dir,
      targets: [{ type: 'path', target: file }],
      substitutionFunc: name => substituteRequiredEnv(name, env),
    });
    await expect(ConfigSources.toConfig(source)).rejects.toThrow(
      /POSTGRES_PASSWORD/,
    );
  });
});
