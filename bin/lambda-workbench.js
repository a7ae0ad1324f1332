#!/usr/bin/env node
// The lambda-workbench command: the bundled CLI in dist/.
require("../dist/cli.js");
