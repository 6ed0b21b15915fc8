/**
 * ESLint's built-in JavaScript rules, left out of the page: the playground lints manifests with the
 * plugin's rules only, and the core rules would be a third of the page's JavaScript.
 */
module.exports = new Map();
