/* Search worker: Material's, taught each language's word forms.

   Material appends `*` to every typed word, and lunr skips its query
   pipeline (the stemmer) for such a word, so "Netzwerke" never found
   "Netzwerk". This worker loads Material's own (named after `#` in its
   address, set by netguide/site/search_index.py) and adds to lunr:

   - at index time, every word is kept as written AND as its forms: the
     language's stemmer (lunr-languages) and, from the index config's
     `netguide` settings (netguide/site/search_forms.py), common prefixes,
     infixes and suffixes removed (Tagalog, Arabic), Latin accents folded
     (every language);
   - at query time, each typed word also searches its forms (as prefixes,
     so typing key by key keeps finding), next to the word itself;
   - a result that matched a typed word through one of its forms does not
     list that word as missing; suggestions are words as written.

   Highlights come from the positions of the words that matched in the
   page, so they mark the page's own words, in any script. */
"use strict";

(function () {
  var material = /^#(search\.[0-9a-f]+\.min\.js)$/.exec(self.location.hash);
  if (!material) throw new Error("search.netguide.js: no Material search worker named after #");

  var settings = {};
  var rawWords = Object.create(null); // words as written in the pages
  var matched = Object.create(null); // location -> typed words a page matched through a form
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType

  /* Runs before Material's listener (registered first): keep the settings, forget the last query. */
  addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) settings = (message.data.config || {}).netguide || {};
    if (message.type === QUERY) matched = Object.create(null);
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data) fixResult(message.data);
    post(message);
  };

  importScripts(material[1]);
  var lunr = self.lunr;

  function fixResult(data) {
    (data.items || []).forEach(function (group) {
      group.forEach(function (item) {
        var found = matched[item.location];
        if (!found || !item.terms) return;
        Object.keys(item.terms).forEach(function (term) {
          if (found[term]) item.terms[term] = true;
        });
      });
    });
    if (data.suggest) data.suggest = data.suggest.filter(function (word) { return word in rawWords; });
  }

  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var VOWELS = "aeiou";

  /* The forms of `word` the language settings give (without the word itself). */
  function forms(word) {
    var out = [];
    function add(form) {
      if (form && form !== word && out.indexOf(form) < 0) out.push(form);
    }
    var bare = word.replace(EDGES, "");
    add(bare);
    add(bare.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC"));
    var minimum = settings.minimum || 3;
    var stems = [bare];
    (settings.prefixes || []).forEach(function (prefix) {
      if (bare.length - prefix.length >= minimum && bare.indexOf(prefix) === 0) stems.push(bare.slice(prefix.length));
    });
    (settings.infixes || []).forEach(function (infix) {
      if (bare.length - infix.length >= minimum && VOWELS.indexOf(bare[0]) < 0 && bare.slice(1, 1 + infix.length) === infix)
        stems.push(bare[0] + bare.slice(1 + infix.length));
    });
    if (settings.reduplication)
      stems.slice().forEach(function (stem) {
        /* ka-kausap, ta-trabaho: a first consonant-vowel syllable repeated from the root */
        if (stem.length - 2 >= minimum && VOWELS.indexOf(stem[0]) < 0 && VOWELS.indexOf(stem[1]) >= 0 && stem[2] === stem[0]) {
          var root = stem.slice(2);
          var vowel = /[aeiou]/.exec(root);
          if (vowel && vowel[0] === stem[1]) stems.push(root);
        }
      });
    var finals = settings.finals || {};
    function addFinal(form) {
      add(form);
      var last = form.slice(-1);
      if (Object.prototype.hasOwnProperty.call(finals, last)) add(form.slice(0, -1) + finals[last]);
    }
    stems.forEach(function (stem) {
      addFinal(stem);
      (settings.suffixes || []).forEach(function (suffix) {
        var end = stem.length - suffix.length;
        if (end >= minimum && stem.slice(end) === suffix) addFinal(stem.slice(0, end));
      });
    });
    return out;
  }

  function normalise(token) {
    var word = token.toString();
    return [token].concat(forms(word).map(function (form) {
      return token.clone(function () { return form; });
    }));
  }
  lunr.Pipeline.registerFunction(normalise, "netguide-forms");

  function recordRaw(token) {
    rawWords[token.toString()] = true;
    return token;
  }
  lunr.Pipeline.registerFunction(recordRaw, "netguide-raw");

  /* A stemmer that keeps the word as written next to its stem. */
  var keeping = new Map();
  function keepingWord(stemmer) {
    if (!keeping.has(stemmer)) {
      var both = function (token, i, tokens) {
        var stem = stemmer(token.clone(), i, tokens);
        return stem && stem.toString() && stem.toString() !== token.toString() ? [token, stem] : token;
      };
      lunr.Pipeline.registerFunction(both, "netguide-" + (stemmer.label || "stemmer"));
      keeping.set(stemmer, both);
    }
    return keeping.get(stemmer);
  }

  function isStemmer(fn) {
    return fn === lunr.stemmer || /^stemmer/.test(fn.label || "");
  }

  function adapt(pipeline, index) {
    var stack = pipeline._stack;
    for (var i = 0; i < stack.length; i++) if (isStemmer(stack[i])) stack[i] = keepingWord(stack[i]);
    stack.unshift(normalise);
    if (index) stack.unshift(recordRaw);
  }

  /* Material sets the pipelines up, then adds the pages: adapt them before the first page. */
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.netguideAdapted) {
      this.netguideAdapted = true;
      adapt(this.pipeline, true);
      adapt(this.searchPipeline, false);
    }
    return add.call(this, doc, attributes);
  };

  /* Each optional wildcard word ("netzwerke*") also searches its forms ("netzwerk*"). */
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var index = this, typed = [];
    var results = query.call(this, function (q) {
      fn.call(q, q);
      q.clauses.slice().forEach(function (clause) {
        var parts = /^(\*?)([^*]+)\*$/.exec(clause.term);
        if (clause.usePipeline || !parts || clause.presence !== lunr.Query.presence.OPTIONAL) return;
        var word = parts[2];
        var variants = index.pipeline.runString(word, { fields: clause.fields }).filter(function (form) {
          return form && form !== word;
        });
        typed.push({ word: word, forms: [word].concat(variants) });
        variants.forEach(function (form) {
          q.clause({
            term: parts[1] + form + "*",
            fields: clause.fields,
            boost: clause.boost,
            usePipeline: false,
            presence: lunr.Query.presence.OPTIONAL,
          });
        });
      });
    });
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var words = Object.keys(metadata);
      /* A page word indexed as written and as its forms matches once: Material marks each position it gets. */
      var seen = Object.create(null);
      words.forEach(function (w) {
        Object.keys(metadata[w]).forEach(function (field) {
          var positions = metadata[w][field].position;
          if (!positions) return;
          metadata[w][field].position = positions.filter(function (p) {
            var key = field + ":" + p;
            return seen[key] ? false : (seen[key] = true);
          });
        });
      });
      typed.forEach(function (entry) {
        var hit = entry.forms.some(function (form) {
          return words.some(function (w) { return w.indexOf(form) === 0; });
        });
        if (hit) (matched[result.ref] = matched[result.ref] || Object.create(null))[entry.word] = true;
      });
    });
    return results;
  };
})();
