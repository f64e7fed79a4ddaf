// skyline-rules: an example chattool-lint plugin, as an ES module. Its rules
// read templates and style sheets, and which pages render them (Skyline
// pages, the chat tool). See docs/plugins.md.
//
//   chattool-lint.json: { "plugins": ["./examples/skyline-rules/skyline-rules.mjs"] }

const rpx = (value) => {
  const m = /^(\d+(?:\.\d+)?)rpx$/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
};

export default {
  meta: { name: 'skyline' },
  rules: {
    'image-mode': {
      meta: {
        description: 'images on Skyline pages say their mode',
        severity: 'warning',
        text: 'An <image> without mode scales to fill (scaleToFill), which distorts most pictures; on Skyline pages the team sets it explicitly.',
      },
      create(context) {
        if (!context.file.skyline) return {};
        return {
          Element(el) {
            if (el.name === 'image' && !el.attributes.mode) {
              context.report({
                node: el,
                message: `<image> without mode on a Skyline page (${context.file.pages[0]})`,
                fix: (fixer) => el.attributes.src && fixer.insertTextAfter(el.attributes.src, ' mode="aspectFit"'),
              });
            }
          },
        };
      },
    },
    'no-important': {
      meta: { description: '!important in styles Skyline pages render', severity: 'warning' },
      create(context) {
        if (context.file.kind !== 'style' || !context.file.skyline) return {};
        return {
          Declaration(decl) {
            if (decl.important) {
              context.report({ node: decl, message: `${decl.property}: ... !important in a style a Skyline page renders: raise the selector's specificity instead` });
            }
          },
        };
      },
    },
    'chat-tool-font-size': {
      meta: {
        description: 'text in the chat tool is at least 24rpx',
        severity: 'info',
        text: 'The chat tool opens in a half-screen panel of a chat; the team keeps text readable there. settings: { "skyline/chat-tool-font-size": { "min": 24 } }.',
      },
      create(context) {
        const min = (context.settings && context.settings.min) || 24;
        if (context.file.kind !== 'style' || !context.file.chatTool) return {};
        return {
          Declaration(decl) {
            if (decl.property !== 'font-size') return;
            const n = rpx(decl.value);
            if (n !== undefined && n < min) {
              context.report({ node: decl, message: `font-size ${decl.value} in the chat tool: at least ${min}rpx` });
            }
          },
        };
      },
    },
  },
};
