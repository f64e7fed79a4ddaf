// A plugin for the tests: one rule per visitor type.
module.exports = {
  meta: { name: 'basic' },
  rules: {
    'no-request': {
      meta: { description: 'wx.request only through utils/http.js', severity: 'error', messages: { direct: 'call {{api}} through utils/http.js' } },
      create(context) {
        if (context.file.mpPath === 'utils/http.js') return {};
        return {
          WxApi(use) {
            if (use.api === 'request' && use.call) {
              const url = use.args && use.args[0] && use.args[0].properties && use.args[0].properties.url;
              context.report({ node: use, messageId: 'direct', data: { api: 'wx.' + use.api + (url && url.kind === 'string' ? ' of ' + url.value : '') } });
            }
          },
        };
      },
    },
    'image-mode': {
      meta: { description: 'images say their mode' },
      create(context) {
        return {
          Element(el) {
            if (el.name === 'image' && !el.attributes.mode) {
              context.report({ node: el, message: `<image> without mode in ${context.file.chatTool ? 'chat-tool' : 'other'} code`, fix: (fixer) => fixer.insertTextAfter(el.attributes.src, ' mode="aspectFit"') });
            }
          },
        };
      },
    },
    'no-red': {
      meta: { description: 'no named red', severity: 'info' },
      create(context) {
        return {
          Declaration(d) {
            if (d.value === 'red') context.report({ node: d, message: d.property + ': red in ' + (d.rule ? d.rule.selector : '?') });
          },
        };
      },
    },
    'title': {
      meta: { description: 'pages have a title' },
      create(context) {
        return {
          JSONDocument(doc) {
            if (doc.schema === 'page' && !doc.value.navigationBarTitleText) {
              context.report({ node: doc.root, message: 'page without navigationBarTitleText', severity: 'warning' });
            }
            if (doc.schema === 'app') {
              const ct = context.project.chatTool;
              if (ct) context.report({ node: ct, message: 'chat tool at ' + ct.root + ', ' + context.project.pages.length + ' pages', severity: 'info' });
            }
          },
        };
      },
    },
  },
};
