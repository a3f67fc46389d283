import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * The documented examples of an action, each a template with one step that runs it: `step`
 * names the step (an example may give it another `name`), and each example gives its
 * description and the step's input.
 */
export function oneStepExamples(
  step: { id: string; action: string; name: string },
  examples: Array<{
    description: string;
    name?: string;
    input: Record<string, unknown>;
  }>,
): TemplateExample[] {
  return examples.map(({ description, name = step.name, input }) => ({
    description,
    example: yaml.stringify({ steps: [{ ...step, name, input }] }),
  }));
}
