import { formatAndValidateHcl, InvalidHclError } from './hashicorp';

describe('formatAndValidateHcl', () => {
  it('formats valid HCL like terraform fmt', async () => {
    const { text } = await formatAndValidateHcl('a.hcl', 'a = 1\nbbb = "x"\n');
    expect(text).toBe('a   = 1\nbbb = "x"\n');
  });

  it('rejects HCL that does not parse, although the formatter would return it unchanged', async () => {
    await expect(
      formatAndValidateHcl('bad.hcl', 'inputs = {\n  a = "x\n}\n'),
    ).rejects.toThrow(InvalidHclError);
  });
});
