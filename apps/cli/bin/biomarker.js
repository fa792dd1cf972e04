#!/usr/bin/env node
// The installed `biomarker` command: a committed launcher, so `npm ci` can link it before the first build.
import "../dist/main.js";
