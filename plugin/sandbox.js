// The sandbox's prelude: run once in every runtime, before any plugin, by
// sandbox.go. goja interrupts JavaScript between instructions, not inside a
// built-in written in Go: a built-in that loops over a length it is given,
// or builds a string or an array in one call, would run or allocate past
// the time and memory budgets. So the built-ins whose one call can cost in
// proportion to a number, a length or a product of lengths check, before
// they run, that the cost stays under the limits below, and throw a
// RangeError otherwise. (String concatenation with + and templates is
// checked by the instrumentation sandbox.go adds to plugin code.)
//
// limits: { string, array, depth }; nesting(s) returns the bracket
// nesting depth of a string (for JSON.parse and RegExp sources).
(function (limits, nesting) {
  'use strict';
  const { apply, construct, defineProperty, getPrototypeOf } = Reflect;
  const RE = RangeError, TE = TypeError, NumberFn = Number, StringFn = String;
  const isArray = Array.isArray, objectKeys = Object.keys, ObjectFn = Object;
  const maxString = limits.string, maxArray = limits.array, maxDepth = limits.depth;
  const RegExpFn = RegExp, stringifyNative = JSON.stringify, ErrorFn = Error;
  const isFn = (f) => typeof f === 'function';

  const num = (n) => { const x = NumberFn(n); return x > 0 ? x : 0; };
  const lengthOf = (a) => (a !== null && a !== undefined && (typeof a === 'object' || typeof a === 'function' || typeof a === 'string')) ? num(a.length) : 0;
  const fail = (what, n, limit) => { throw new RE('sandbox: ' + what + ' of ' + n + ' is over the limit of ' + limit); };
  const checkArray = (n) => { if (n > maxArray) fail('an array length', n, maxArray); };
  const checkString = (n) => { if (n > maxString) fail('a string length', n, maxString); };
  const hide = (obj, name, value) => defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const wrap = (obj, name, before) => {
    const orig = obj[name];
    if (typeof orig !== 'function') return;
    hide(obj, name, { [name](...args) { return before(this, args, orig); } }[name]);
  };
  const checked = (check) => (self, args, orig) => { check(self, args); return apply(orig, self, args); };
  const thisLength = checked((self) => checkArray(lengthOf(self)));

  // Array methods loop over this.length in Go, whatever it holds: a
  // sparse array's length can be 2**32-1 with one element.
  const AP = Array.prototype;
  for (const name of ['at', 'copyWithin', 'entries', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast',
    'findLastIndex', 'forEach', 'includes', 'indexOf', 'keys', 'lastIndexOf', 'map', 'pop', 'push', 'reduce',
    'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice', 'toReversed', 'toSorted', 'toSpliced',
    'unshift', 'values', 'with']) {
    wrap(AP, name, thisLength);
  }
  wrap(AP, 'concat', checked((self, args) => {
    let n = lengthOf(self);
    for (const a of args) n += isArray(a) ? lengthOf(a) : 1;
    checkArray(n);
  }));
  // flat recurses in Go: bound the depth it is asked for.
  wrap(AP, 'flat', (self, args, orig) => {
    checkArray(lengthOf(self));
    const d = args.length === 0 || args[0] === undefined ? 1 : num(args[0]);
    return apply(orig, self, [d > maxDepth ? maxDepth : d]);
  });
  wrap(AP, 'flatMap', thisLength);
  // join builds its result in one call: the parts are made here, in
  // JavaScript, and counted.
  const join = AP.join;
  const joined = (self, sep) => {
    const n = lengthOf(self);
    checkArray(n);
    sep = sep === undefined ? ',' : StringFn(sep);
    const parts = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const e = self[i];
      const s = e === undefined || e === null ? '' : StringFn(e);
      total += s.length + (i > 0 ? sep.length : 0);
      checkString(total);
      parts[i] = s;
    }
    return apply(join, parts, [sep]);
  };
  hide(AP, 'join', function join(sep) { return joined(ObjectFn(this), sep); });
  hide(AP, 'toString', function toString() {
    const o = ObjectFn(this);
    return typeof o.join === 'function' ? o.join() : apply(ObjectFn.prototype.toString, o, []);
  });
  hide(AP, 'toLocaleString', function toLocaleString() {
    const o = ObjectFn(this), n = lengthOf(o);
    checkArray(n);
    const parts = [];
    for (let i = 0; i < n; i++) parts[i] = o[i] === undefined || o[i] === null ? '' : o[i].toLocaleString();
    return joined(parts, ',');
  });
  // A generator that delegates to itself (function* g() { yield* g() })
  // nests its calls of next in Go, outside the call stack's limit, and an
  // interrupt then takes time in proportion to the square of the depth to
  // unwind: through these wrappers each level is a frame of the stack.
  const GP = getPrototypeOf(function* () {}).prototype;
  for (const name of ['next', 'return', 'throw']) wrap(GP, name, (self, args, orig) => apply(orig, self, args));

  // Spreading, destructuring and for...of go through the iterator.
  hide(AP, Symbol.iterator, AP.values);
  wrap(Array, 'from', checked((_, [a]) => checkArray(lengthOf(a))));
  wrap(Array, 'of', checked((_, args) => checkArray(args.length)));

  // Calls that take an argument list from an array-like.
  wrap(Function.prototype, 'apply', checked((_, [, a]) => checkArray(lengthOf(a))));
  wrap(Reflect, 'apply', checked((_, [, , a]) => checkArray(lengthOf(a))));
  wrap(Reflect, 'construct', checked((_, [, a]) => checkArray(lengthOf(a))));

  // Strings made in one call.
  const SP = String.prototype;
  wrap(SP, 'repeat', checked((self, [n]) => checkString(StringFn(self).length * num(n))));
  wrap(SP, 'padStart', checked((_, [n]) => checkString(num(n))));
  wrap(SP, 'padEnd', checked((_, [n]) => checkString(num(n))));
  wrap(SP, 'concat', checked((self, args) => {
    let n = StringFn(self).length;
    for (const a of args) n += StringFn(a).length;
    checkString(n);
  }));
  wrap(SP, 'split', (self, args, orig) => {
    const limit = args[1] === undefined ? maxArray + 1 : Math.min(num(args[1]) >>> 0, maxArray + 1);
    const out = apply(orig, self, [args[0], limit]);
    checkArray(out.length);
    return out;
  });
  // replace and replaceAll: each match can add the replacement, and $& or
  // $` in it the whole subject again.
  const replaced = (name) => (self, args, orig) => {
    const s = StringFn(self);
    let [pattern, replacement] = args;
    if (typeof replacement === 'function') {
      const f = replacement;
      let total = s.length;
      replacement = function (...a) {
        const r = StringFn(apply(f, this, a));
        total += r.length;
        checkString(total);
        return r;
      };
    } else {
      const r = StringFn(replacement);
      const per = r.length + (r.indexOf('$') >= 0 ? (r.split('$').length - 1) * s.length : 0);
      if (s.length + (s.length + 1) * per > maxString) {
        checkString(s.length + count(s, pattern, name, Math.floor((maxString - s.length) / Math.max(per, 1))) * per);
      }
    }
    return apply(orig, s, [pattern, replacement]);
  };
  // count is how many replacements a call makes, counted up to limit + 1
  // (then the result is known to be too long).
  const count = (s, pattern, name, limit) => {
    const global = name === 'replaceAll' || (pattern instanceof RegExpFn && pattern.flags.indexOf('g') >= 0);
    if (!global) return 1;
    let n = 0;
    if (!(pattern instanceof RegExpFn)) {
      const p = StringFn(pattern);
      if (p === '') return s.length + 1;
      for (let i = s.indexOf(p); i >= 0 && n <= limit; i = s.indexOf(p, i + p.length)) n++;
      return n;
    }
    const re = new RegExpFn(pattern.source, pattern.flags);
    for (let m = re.exec(s); m !== null && n <= limit; m = re.exec(s)) {
      n++;
      if (m[0] === '') re.lastIndex++;
    }
    return n;
  };
  wrap(SP, 'replace', replaced('replace'));
  wrap(SP, 'replaceAll', replaced('replaceAll'));
  const grows = (factor) => checked((_, [s]) => checkString(StringFn(s).length * factor));
  for (const name of ['encodeURI', 'encodeURIComponent', 'escape']) wrap(globalThis, name, grows(12));
  wrap(String, 'fromCharCode', checked((_, args) => checkString(args.length)));
  wrap(String, 'fromCodePoint', checked((_, args) => checkString(args.length)));
  wrap(String, 'raw', checked((_, [t, ...subs]) => {
    let n = 0;
    const raw = t && t.raw;
    const k = lengthOf(raw);
    checkArray(k);
    for (let i = 0; i < k; i++) n += StringFn(raw[i]).length;
    for (const x of subs) n += StringFn(x).length;
    checkString(n);
  }));

  // JSON: stringify copies the value into plain data first, counting what
  // it will print (toJSON and the replacer run here, once); parse and
  // RegExp recurse in Go over the nesting of their source.
  const stringify = JSON.stringify;
  hide(JSON, 'stringify', function stringify_(value, replacer, space) {
    let gap = '';
    if (typeof space === 'number') gap = ' '.repeat(Math.min(10, Math.max(0, Math.floor(space))));
    else if (typeof space === 'string') gap = space.slice(0, 10);
    const list = isArray(replacer) ? replacer.map(StringFn) : null;
    const fn = typeof replacer === 'function' ? replacer : null;
    let total = 0;
    const seen = [];
    const add = (n) => { total += n; checkString(total); };
    const copy = (holder, key, v, depth) => {
      if (depth > maxDepth) throw new RE('sandbox: JSON nesting over ' + maxDepth);
      if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') v = v.toJSON(key);
      if (fn) v = apply(fn, holder, [key, v]);
      if (v instanceof NumberFn) v = NumberFn(v);
      else if (v instanceof StringFn) v = StringFn(v);
      else if (v instanceof Boolean) v = v.valueOf();
      if (v === null) { add(4); return null; }
      switch (typeof v) {
        case 'string': add(v.length + 2); return v;
        case 'number': add(24); return v;
        case 'boolean': add(5); return v;
        case 'bigint': throw new TE('Do not know how to serialize a BigInt');
        case 'object': break;
        default: return undefined;
      }
      if (seen.indexOf(v) >= 0) throw new TE('Converting circular structure to JSON');
      seen.push(v);
      let out;
      if (isArray(v)) {
        const n = lengthOf(v);
        checkArray(n);
        out = [];
        for (let i = 0; i < n; i++) {
          const x = copy(v, StringFn(i), v[i], depth + 1);
          out[i] = x === undefined ? null : x;
          add(1 + gap.length * (depth + 1) + 1);
        }
      } else {
        out = {};
        const ks = list || objectKeys(v);
        for (const k of ks) {
          const x = copy(v, k, v[k], depth + 1);
          if (x !== undefined) { out[k] = x; add(k.length + 4 + gap.length * (depth + 1) + 1); }
        }
      }
      add(2);
      seen.pop();
      return out;
    };
    const plain = copy({ '': value }, '', value, 0);
    return apply(stringify, JSON, [plain, null, gap]);
  });
  wrap(JSON, 'parse', checked((_, [s]) => {
    const d = nesting(StringFn(s));
    if (d > maxDepth) fail('a JSON nesting', d, maxDepth);
  }));
  const checkPattern = (p) => {
    const src = p instanceof RegExpFn ? p.source : StringFn(p === undefined ? '' : p);
    checkString(src.length);
    const d = nesting(src);
    if (d > maxDepth) fail('a regular expression nesting', d, maxDepth);
  };
  const SafeRegExp = function RegExp(pattern, flags) {
    checkPattern(pattern);
    return new.target ? construct(RegExpFn, [pattern, flags], new.target) : apply(RegExpFn, undefined, [pattern, flags]);
  };
  for (const k of Object.getOwnPropertyNames(RegExpFn)) {
    if (k !== 'prototype' && k !== 'length' && k !== 'name') {
      const desc = Object.getOwnPropertyDescriptor(RegExpFn, k);
      if (desc.configurable !== false) defineProperty(SafeRegExp, k, desc);
    }
  }
  defineProperty(SafeRegExp, Symbol.species, { get() { return this; }, configurable: true });
  Object.setPrototypeOf(SafeRegExp, getPrototypeOf(RegExpFn));
  SafeRegExp.prototype = RegExpFn.prototype;
  hide(RegExpFn.prototype, 'constructor', SafeRegExp);
  if (typeof RegExpFn.prototype.compile === 'function') delete RegExpFn.prototype.compile;
  hide(globalThis, 'RegExp', SafeRegExp);

  // Buffers are allocated whole.
  const maxBytes = maxArray * 8;
  const guardCtor = (name, check) => {
    const C = globalThis[name];
    if (typeof C !== 'function') return;
    const Safe = { [name]: function (...args) {
      if (!new.target) throw new TE("Constructor " + name + " requires 'new'");
      check(args);
      return construct(C, args, new.target === Safe ? C : new.target);
    } }[name];
    for (const k of Object.getOwnPropertyNames(C)) {
      if (k !== 'prototype' && k !== 'length' && k !== 'name') {
        const desc = Object.getOwnPropertyDescriptor(C, k);
        if (desc.configurable !== false) defineProperty(Safe, k, desc);
      }
    }
    Object.setPrototypeOf(Safe, getPrototypeOf(C));
    Safe.prototype = C.prototype;
    hide(C.prototype, 'constructor', Safe);
    hide(globalThis, name, Safe);
  };
  const bytes = (n) => { if (n > maxBytes) fail('a buffer size', n, maxBytes); };
  guardCtor('ArrayBuffer', ([n, o]) => { bytes(num(n)); if (o && o.maxByteLength !== undefined) bytes(num(o.maxByteLength)); });
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    guardCtor(name, ([a]) => {
      if (typeof a !== 'object' || a === null) checkArray(num(a));
      else checkArray(lengthOf(a));
    });
  }
  for (const name of ['transfer', 'transferToFixedLength', 'resize']) {
    wrap(ArrayBuffer.prototype, name, checked((_, [n]) => bytes(num(n))));
  }
  // Strings are array-likes too.
  for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'assign']) {
    wrap(ObjectFn, name, checked((_, args) => { for (const a of args) if (typeof a === 'string') checkArray(a.length); }));
  }
  wrap(SP, Symbol.iterator, checked((self) => checkArray(StringFn(self).length)));

  // What no lint rule needs and the sandbox cannot bound or make
  // deterministic: shared memory, and callbacks the collector runs.
  for (const name of ['SharedArrayBuffer', 'Atomics', 'WeakRef', 'FinalizationRegistry']) delete globalThis[name];

  // Code from strings would run without the instrumentation of +.
  const noCode = function () { throw new TE('sandbox: plugins cannot compile code from strings (eval, Function)'); };
  hide(globalThis, 'eval', noCode);
  for (const f of [function () {}, function* () {}, async function () {}]) {
    const P = getPrototypeOf(f);
    const C = P.constructor;
    const Safe = function Function() { return noCode(); };
    Safe.prototype = P;
    hide(P, 'constructor', Safe);
    if (C === Function) hide(globalThis, 'Function', Safe);
  }

  // The host reads what plugins hand it through these, in JavaScript and
  // under the budgets: a getter, a proxy or a toString of a plugin's is
  // plugin code.
  const str = (v) => (typeof v === 'string' ? v : undefined);
  // exported returns what a module exports as a plugin: module.exports,
  // or its default export (an ES module compiled to CommonJS).
  const exported = (e) => {
    if (e && typeof e === 'object' && !('rules' in e) && e.default && typeof e.default === 'object') return e.default;
    return e;
  };
  const meta = (exports) => {
    const e = exported(exports);
    const out = { name: null, rules: [], problem: null };
    if (!e || (typeof e !== 'object' && !isFn(e))) {
      out.problem = 'the plugin exports no object (module.exports = { rules: { ... } })';
      return stringifyNative(out);
    }
    const pm = e.meta;
    if (pm && str(pm.name) !== undefined) out.name = pm.name;
    else if (!isFn(e) && str(e.name) !== undefined) out.name = e.name;
    const rules = e.rules;
    if (!rules || typeof rules !== 'object') {
      out.problem = 'the plugin exports no rules (module.exports = { rules: { ... } })';
      return stringifyNative(out);
    }
    for (const key of objectKeys(rules)) {
      const r = rules[key];
      const m = (r && typeof r === 'object' && r.meta) || {};
      const docs = (typeof m === 'object' && m.docs) || {};
      const messages = {};
      if (m.messages && typeof m.messages === 'object') {
        for (const id of objectKeys(m.messages)) if (str(m.messages[id]) !== undefined) messages[id] = m.messages[id];
      }
      out.rules.push({
        key,
        create: isFn(r) || (r !== null && typeof r === 'object' && isFn(r.create)),
        description: str(m.description) ?? str(docs.description) ?? '',
        severity: str(m.severity) ?? str(m.defaultSeverity) ?? '',
        url: str(m.url) ?? str(docs.url) ?? '',
        text: str(m.text) ?? str(docs.text) ?? '',
        messages,
      });
    }
    return stringifyNative(out);
  };
  // creates returns the create function of each rule key, or null.
  const creates = (exports, keys) => {
    const e = exported(exports);
    const rules = e && e.rules;
    return keys.map((k) => {
      const r = rules && rules[k];
      if (isFn(r)) return r;
      return r !== null && typeof r === 'object' && isFn(r.create) ? r.create : null;
    });
  };
  const describe = (e) => {
    try {
      if (e instanceof ErrorFn || (e !== null && typeof e === 'object' && 'message' in e)) {
        const n = e.name;
        return (str(n) ?? 'Error') + ': ' + StringFn(e.message);
      }
      return 'uncaught ' + (typeof e === 'symbol' ? e.toString() : StringFn(e));
    } catch (x) {
      return 'an exception (describing it threw too)';
    }
  };
  return { meta, creates, describe };
});
