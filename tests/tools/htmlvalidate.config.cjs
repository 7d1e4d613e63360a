/* html-validate configuration for the motcua build tests
 * (tests/cli/test_build_output.sh runs: html-validate --config THIS FILES).
 *
 * Base: html-validate:recommended — HTML5 content models and nesting,
 * required and allowed attributes, duplicate ids, unknown elements and
 * attributes, <title>/lang/alt and other accessibility basics.
 *
 * Turned off, because they are matters of writing style or of content
 * length, not of validity:
 *   void-style, attribute-boolean-style, attribute-empty-style,
 *   doctype-style, element-case, attr-case, attr-quotes — how markup is
 *     spelled (<br> or <br/>, quotes, case), all valid HTML5;
 *   no-trailing-whitespace — template formatting;
 *   long-title — Vietnamese page titles followed by the portal's name are
 *     often longer than 70 characters;
 *   no-inline-style — a theme's choice;
 *   tel-non-breaking — phone numbers are written by editors in content.
 */
module.exports = {
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    "void-style": "off",
    "attribute-boolean-style": "off",
    "attribute-empty-style": "off",
    "doctype-style": "off",
    "element-case": "off",
    "attr-case": "off",
    "attr-quotes": "off",
    "no-trailing-whitespace": "off",
    "long-title": "off",
    "no-inline-style": "off",
    "tel-non-breaking": "off",
  },
};
