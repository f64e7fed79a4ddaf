// The API chattool-lint hands a plugin's rules: what a rule sees of a mini
// program, and how it reports. Point your editor at this file for completion:
//
//   /** @type {import('./chattool-lint').Plugin} */
//   module.exports = { rules: { ... } };
//
// or, in an ES module or TypeScript plugin:
//
//   import type { Plugin } from './chattool-lint';
//   export default { rules: { ... } } satisfies Plugin;
//
// docs/plugins.md is the guide; plugin/facts.go makes these objects. The
// facts are what chattool-lint's front ends keep of each file, not a syntax
// tree: they are stable across chattool-lint versions, a syntax tree is not.

/** What a plugin file exports (module.exports, or the default export). */
export interface Plugin {
  meta?: {
    /** The plugin's name: its rules are NAME/RULE. Default: the file's base name. Lower-case letters, digits, - and _. */
    name?: string;
  };
  /** The rules, by name (lower-case letters, digits, - and _). */
  rules: Record<string, Rule>;
}

export interface Rule {
  meta?: RuleMeta;
  /** Called once per file, for every file of the project; returns the visitors the rule wants for this file (or nothing). */
  create(context: Context): Visitors | void;
}

export interface RuleMeta {
  /** One line: what the rule finds (chattool-lint rules, SARIF, the editor). ESLint's docs.description is read too. */
  description?: string;
  /** The severity when chattool-lint.json sets none. Default: "warning". */
  severity?: Severity;
  /** Where the rule is documented (explain, SARIF helpUri, the editor's link). ESLint's docs.url is read too. */
  url?: string;
  /** The full documentation, for chattool-lint explain. ESLint's docs.text is read too. */
  text?: string;
  /** Messages by id, with {{placeholders}} that report's data fills. */
  messages?: Record<string, string>;
  docs?: { description?: string; url?: string; text?: string };
}

export type Severity = 'error' | 'warning' | 'info';

/** The visitors a rule's create returns. Each is called with the nodes of its type, in source order. */
export interface Visitors {
  /** Every file, first, whatever its kind. */
  File?(file: FileInfo): void;
  /** Every file, last. */
  'File:exit'?(file: FileInfo): void;

  // Scripts (.js, .ts, .wxs)
  /** Each reference to a wx API, called or not, through aliases (const w = wx, const { x } = wx, wx['x'], .call/.apply, ?.(), promisify(wx.x)). */
  WxApi?(use: WxApiUse): void;
  /** Each static module specifier: import, export ... from, require(), import(). */
  Import?(imp: ImportSpec): void;
  /** Each call of App, getApp, Page, Component or Behavior. */
  GlobalCall?(call: GlobalCall): void;
  /** Each navigateTo, redirectTo, reLaunch, switchTab or navigateBack called on anything but wx (this.pageRouter, wrappers). */
  Route?(route: RouteCall): void;

  // Templates (.wxml)
  /** Each element, in document order. */
  Element?(element: Element): void;

  // Style sheets (.wxss; LESS and SCSS files have none of these)
  /** Each at-rule (@media, @import, @font-face, @keyframes...). */
  AtRule?(rule: AtRule): void;
  /** Each style rule, nested ones included. */
  StyleRule?(rule: StyleRule): void;
  /** Each declaration, in style rules and in at-rules. */
  Declaration?(decl: Declaration): void;

  // JSON (app.json, page and component json, project.config.json, sitemap, theme)
  /** The file, once. */
  JSONDocument?(doc: JSONDocument): void;
}

export interface Context {
  /** The rule's name, PLUGIN/RULE. */
  readonly id: string;
  /** The file being checked. */
  readonly file: FileInfo;
  /** file.path, for ESLint habits. */
  readonly filename: string;
  /** The project: its packages, pages, chat tool, and which page renders what. */
  readonly project: Project;
  /** chattool-lint.json's settings["PLUGIN/RULE"], or undefined. */
  readonly settings: any;
  /** [settings] when there are settings, else []: ESLint's context.options. */
  readonly options: any[];
  /** Reports a finding. Throws a TypeError when the descriptor names no place. */
  report(descriptor: ReportDescriptor): void;
}

export type ReportDescriptor = ({ node: Node } | { loc: Loc | Position }) &
  ({ message: string } | { messageId: string; data?: Record<string, unknown> }) & {
    /** Overrides the rule's severity for this finding (chattool-lint.json still wins). */
    severity?: Severity;
    /** A safe fix: the edits the fixer records are applied by --fix and shown by --diff. */
    fix?(fixer: Fixer): unknown;
  };

export interface Fixer {
  replaceText(node: Node, text: string): void;
  insertTextBefore(node: Node, text: string): void;
  insertTextAfter(node: Node, text: string): void;
  remove(node: Node): void;
}

/** A place: lines from 1, columns from 0 in UTF-16 code units (JavaScript string indices), as ESLint has them. */
export interface Position {
  line: number;
  column: number;
}

export interface Loc {
  /** The file, as FileInfo.path; default: the file being checked. */
  file?: string;
  start: Position;
  end: Position;
}

/** Everything with a place in a file. loc is worked out when it is read. */
export interface Node {
  readonly loc: Loc;
}

export interface FileInfo {
  /** Relative to the project folder, with forward slashes, as findings show it. */
  path: string;
  /** Inside the mini program root ("pages/index/index.js"). */
  mpPath: string;
  kind: 'script' | 'template' | 'style' | 'json';
  language: 'js' | 'ts' | 'wxs' | 'wxml' | 'wxss' | 'less' | 'scss' | 'json';
  /** The root of the package the file lies in: "" for the main package. */
  package: string;
  /** Chat-tool code: in the chat-tool subpackage, or rendered by a chat-tool page (a main-package component it uses). */
  chatTool: boolean;
  /** The pages that render the file (templates, styles, a page's or component's script and json). */
  pages: string[];
  /** Whether a page that renders the file renders with Skyline. */
  skyline: boolean;
}

// --- scripts ---

export interface WxApiUse extends Node {
  /** The API, without wx.: "request". */
  api: string;
  /** The reference is called (directly, .call/.apply, ?.()). */
  call: boolean;
  /** The reference is passed to another call (promisify(wx.request)). */
  passed: boolean;
  /** Called as wx.x?.(): its own feature test. */
  optional: boolean;
  /** The result is awaited or has .then/.catch/.finally called on it. */
  promised: boolean;
  /** The arguments, or null when they cannot be known (.apply of a non-literal array; a file only the token scan reads). */
  args: Arg[] | null;
  /** The feature tests and version checks known to hold where the reference is. */
  guard: Guard;
}

/** An argument, with its value when chattool-lint can resolve it statically: literals, consts bound to them, object and array literals. Anything else is "unknown": no rule should guess. */
export type Arg = Node &
  (
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | {
        kind: 'object';
        /** The properties with a static key (a spread of a const object literal adds its own). */
        properties: Record<string, Arg>;
        /** Other properties may exist (spreads of unknown values, computed keys, getters). */
        open: boolean;
      }
    | { kind: 'array'; items: (Arg | null)[] }
    | { kind: 'function' }
    | { kind: 'unknown' }
  );

export interface Guard {
  /** The code tests that the API exists here: if (wx.x), wx.canIUse('x'), typeof wx.x === 'function'. */
  has(api: string): boolean;
  /** The code tests the option field: wx.canIUse('api.object.field'). */
  hasField(api: string, field: string): boolean;
  /** The base library version a comparison of SDKVersion establishes, or null. */
  minVersion: string | null;
}

export interface ImportSpec extends Node {
  /** The specifier as written. */
  source: string;
  kind: 'import' | 'export' | 'require' | 'dynamic';
  /** The mini program path it resolves to (relative, absolute, resolveAlias), or null (npm packages, files that do not exist). */
  resolved: string | null;
}

export interface GlobalCall extends Node {
  name: 'App' | 'getApp' | 'Page' | 'Component' | 'Behavior';
  args: Arg[];
}

export interface RouteCall extends Node {
  method: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack';
  args: Arg[];
}

// --- templates ---

export interface Element extends Node {
  /** The tag, in its case: "image", "t-button". */
  name: string;
  /** The attributes, by name, as written ("bind:tap", "wx:if"). */
  attributes: Record<string, Attribute>;
  selfClosing: boolean;
  parent: Element | null;
  children: Element[];
  /** The custom component the tag resolves to (usingComponents of the page or component, or app.json's), or null for a built-in or unknown tag. */
  component: { path: string; global: boolean } | null;
}

export interface Attribute extends Node {
  name: string;
  /** The value as written, without quotes; null for a bare attribute (<scroll-view enhanced>). */
  value: string | null;
  /** The value holds a data binding ({{ }}). */
  dynamic: boolean;
}

// --- style sheets ---

export interface AtRule extends Node {
  /** Lower case, without @: "media". */
  name: string;
  prelude: string;
  /** The declarations directly in its block (@font-face, @page). */
  declarations: Declaration[];
  parent: AtRule | null;
}

export interface StyleRule extends Node {
  selector: string;
  declarations: Declaration[];
  /** The innermost enclosing at-rule (@media...), or null. */
  atRule: AtRule | null;
}

export interface Declaration extends Node {
  /** Lower case (custom properties as written). */
  property: string;
  /** As written, without !important. */
  value: string;
  important: boolean;
  /** The style rule, or null in an at-rule's block. */
  rule: StyleRule | null;
}

// --- JSON ---

export interface JSONDocument extends Node {
  /** The JSON Schema chattool-lint checks the file against: "app", "page", "component", "project.config", "sitemap"; null for others (theme.json). */
  schema: string | null;
  /** The file's value, as plain data. */
  value: unknown;
  root: JSONNode;
}

export type JSONNode = Node & {
  /** For a member of an object: its key, with its own place. */
  key?: Node & { name: string };
} & (
    | { type: 'object'; properties: Record<string, JSONNode> }
    | { type: 'array'; items: JSONNode[] }
    | { type: 'string'; value: string }
    | { type: 'number'; value: number }
    | { type: 'boolean'; value: boolean }
    | { type: 'null'; value: null }
  );

// --- the project ---

export interface Project {
  kind: 'miniprogram' | 'minigame' | 'loose';
  /** project.config.json's miniprogramRoot, or "". */
  miniprogramRoot: string;
  /** The chat tool app.json declares (its entry in app.json is the node), or null. */
  chatTool: (Node & { root: string; entryPagePath: string | null }) | null;
  /** The main package (root "") first, then each subpackage (its app.json item is the node). */
  packages: PackageInfo[];
  /** Every page app.json lists (its string in app.json is the node). */
  pages: PageInfo[];
  /** Every custom component usingComponents reaches. */
  components: ComponentInfo[];
  /** The pages that render a file (mini program path: a .wxml, a .wxss, or a page or component path without extension). */
  pagesRendering(mpPath: string): string[];
  /** Whether the file at a mini program path is chat-tool code. */
  isChatTool(mpPath: string): boolean;
}

export interface PackageInfo {
  root: string;
  independent: boolean;
  chatTool: boolean;
  pages: string[];
}

export interface PageInfo extends Node {
  /** Without extension: "packageChatTool/pages/vote/index". */
  path: string;
  package: string;
  /** Resolved as WeChat does: page json, subpackage, app.json, default. */
  renderer: 'webview' | 'skyline' | string;
  componentFramework: 'exparser' | 'glass-easel' | string;
  chatTool: boolean;
  /** The page's json file (as FileInfo.path), or null. */
  json: string | null;
}

export interface ComponentInfo {
  path: string;
  package: string;
  json: string | null;
}
