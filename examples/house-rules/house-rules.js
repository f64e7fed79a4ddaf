// house-rules: an example chattool-lint plugin, in CommonJS. Its rules read
// the wx API uses of scripts (with their arguments and guards), the JSON
// files and the project model. See docs/plugins.md.
//
//   chattool-lint.json: { "plugins": ["./examples/house-rules/house-rules.js"] }

const NETWORK = new Set(['request', 'downloadFile', 'uploadFile', 'connectSocket']);

// The chat-tool APIs, which only exist from base library 3.7.8.
const CHAT_TOOL_APIS = new Set([
  'openChatTool', 'exitChatTool', 'isChatTool', 'getChatToolInfo', 'selectGroupMembers',
  'getGroupMembersInfo', 'notifyGroupMembers', 'shareAppMessageToGroup', 'shareImageToGroup',
  'shareVideoToGroup', 'shareEmojiToGroup', 'shareFileToGroup', 'enterChatToolMode',
]);

module.exports = {
  meta: { name: 'house' },
  rules: {
    'https-only': {
      meta: {
        description: 'network calls use https:// and wss:// URLs',
        severity: 'error',
        url: 'https://github.com/chattool-lint/chattool-lint/blob/main/examples/house-rules/house-rules.js',
        text: 'WeChat refuses plain http:// and ws:// URLs outside development. The rule reads the url option of wx.request, wx.downloadFile, wx.uploadFile and wx.connectSocket when it is a string the checker can resolve (a literal, or a const bound to one), and offers a fix.',
        messages: { insecure: 'wx.{{api}} to {{url}}: use {{scheme}}:// (WeChat refuses plain {{old}}:// URLs)' },
      },
      create(context) {
        return {
          WxApi(use) {
            if (!NETWORK.has(use.api) || !use.args || use.args.length === 0) return;
            const options = use.args[0];
            const url = options.kind === 'object' ? options.properties.url : undefined;
            if (!url || url.kind !== 'string') return;
            const m = /^(http|ws):\/\//.exec(url.value);
            if (!m) return;
            const scheme = m[1] === 'http' ? 'https' : 'wss';
            context.report({
              node: url,
              messageId: 'insecure',
              data: { api: use.api, url: url.value, scheme, old: m[1] },
              fix: (fixer) => fixer.replaceText(url, JSON.stringify(scheme + url.value.slice(m[1].length))),
            });
          },
        };
      },
    },
    'request-wrapper': {
      meta: {
        description: 'wx.request only in the request wrapper',
        severity: 'warning',
        text: 'The team sends every request through one wrapper (it adds the session and retries). settings: { "house/request-wrapper": { "wrappers": ["util/request.js"] } } names the wrapper files, as mini program paths.',
      },
      create(context) {
        const wrappers = (context.settings && context.settings.wrappers) || ['util/request.js'];
        if (wrappers.includes(context.file.mpPath)) return {};
        return {
          WxApi(use) {
            if (use.api === 'request') {
              context.report({ node: use, message: `call wx.request through ${wrappers.join(' or ')}` });
            }
          },
        };
      },
    },
    'guard-chat-tool-apis': {
      meta: {
        description: 'a chat-tool API outside the chat tool is feature-tested first',
        severity: 'error',
        text: 'Outside the chat-tool subpackage the code also runs on base libraries older than 3.7.8, where the chat-tool APIs do not exist: test for them first (if (wx.openChatTool) ..., wx.canIUse("openChatTool")).',
      },
      create(context) {
        if (context.file.chatTool) return {};
        return {
          WxApi(use) {
            if (CHAT_TOOL_APIS.has(use.api) && use.call && !use.optional && !use.guard.has(use.api)) {
              context.report({ node: use, message: `wx.${use.api} outside the chat tool: test that it exists first (base library 3.7.8+)` });
            }
          },
        };
      },
    },
    'page-title': {
      meta: { description: 'every page sets navigationBarTitleText', severity: 'info' },
      create(context) {
        return {
          JSONDocument(doc) {
            if (doc.schema !== 'page') return;
            const page = context.project.pages.find((p) => p.json === context.file.path);
            if (!page || page.chatTool) return; // the chat tool's pages have no navigation bar title
            if (doc.root.type === 'object' && !doc.root.properties.navigationBarTitleText) {
              context.report({ node: doc.root, message: `page ${page.path} sets no navigationBarTitleText` });
            }
          },
        };
      },
    },
  },
};
