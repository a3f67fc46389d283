module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Playwright tests run in Node and read fixtures from the repository; the ban on Node
      // built-ins is for code that ships to the browser.
      files: ['e2e-tests/**'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});
