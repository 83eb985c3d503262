using System.Text.Encodings.Web;

namespace Micro.OpenApi;

/// <summary>
/// The page at <c>/docs/</c>: the OpenAPI document rendered for people by a small script in the page itself, so the
/// native binary serves it whole and nothing is loaded from the internet. Every text from the document reaches the
/// page through <c>textContent</c>, never as markup.
/// </summary>
internal static class DocsPage
{
    public static string Html(string documentUrl) => Template.Replace("{{url}}", HtmlEncoder.Default.Encode(documentUrl), StringComparison.Ordinal);

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>API documentation</title>
        <style>
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem 1.5rem; color: #1f2328; }
        h1 { margin-bottom: 0; } .version { color: #59636e; }
        .tag { margin-top: 2rem; border-bottom: 1px solid #d1d9e0; }
        details { border: 1px solid #d1d9e0; border-radius: 6px; margin: .5rem 0; }
        summary { cursor: pointer; padding: .5rem .75rem; display: flex; gap: .75rem; align-items: baseline; }
        .method { font: bold 12px monospace; text-transform: uppercase; padding: 2px 8px; border-radius: 4px; color: #fff; min-width: 4em; text-align: center; }
        .get { background: #0969da; } .post { background: #1a7f37; } .put { background: #9a6700; } .patch { background: #8250df; } .delete { background: #cf222e; }
        .path { font-family: monospace; font-weight: 600; } .summary { color: #59636e; }
        .body { padding: 0 1rem 1rem; } h4 { margin: 1rem 0 .25rem; }
        table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
        pre { background: #f6f8fa; padding: .75rem; border-radius: 6px; overflow: auto; font-size: 13px; }
        </style>
        </head>
        <body data-document="{{url}}">
        <h1 id="title">API</h1>
        <p class="version"><span id="version"></span> · <a id="raw">OpenAPI document</a></p>
        <main id="operations"><p>Loading…</p></main>
        <script>
        (async () => {
          const url = document.body.dataset.document;
          const main = document.getElementById("operations");
          document.getElementById("raw").href = url;
          const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
          let doc;
          try { doc = await (await fetch(url)).json(); } catch (e) { main.replaceChildren(el("p", "The document could not be loaded: " + e)); return; }
          document.getElementById("title").textContent = doc.info.title;
          document.getElementById("version").textContent = "Version " + doc.info.version + " · OpenAPI " + doc.openapi;
          document.title = doc.info.title + " API";
          const schemas = (doc.components && doc.components.schemas) || {};
          const resolve = (schema, seen) => {
            if (!schema || typeof schema !== "object") return schema;
            if (schema.$ref) {
              const name = schema.$ref.split("/").pop();
              if (seen.includes(name)) return name;
              return resolve(schemas[name], seen.concat(name));
            }
            const copy = Array.isArray(schema) ? [] : {};
            for (const [key, value] of Object.entries(schema)) copy[key] = resolve(value, seen);
            return copy;
          };
          const show = schema => el("pre", JSON.stringify(resolve(schema, []), null, 2));
          const groups = new Map();
          for (const [path, item] of Object.entries(doc.paths || {})) {
            for (const [method, operation] of Object.entries(item)) {
              const tag = (operation.tags && operation.tags[0]) || "default";
              if (!groups.has(tag)) groups.set(tag, []);
              groups.get(tag).push([path, method, operation]);
            }
          }
          main.replaceChildren();
          for (const [tag, operations] of groups) {
            main.append(el("h2", tag, "tag"));
            for (const [path, method, operation] of operations) {
              const details = el("details");
              const summary = el("summary");
              summary.append(el("span", method, "method " + method), el("span", path, "path"), el("span", operation.summary || operation.operationId || "", "summary"));
              const body = el("div", null, "body");
              if (operation.operationId) body.append(el("p", "operationId: " + operation.operationId));
              if (operation.parameters && operation.parameters.length) {
                body.append(el("h4", "Parameters"));
                const table = el("table");
                for (const p of operation.parameters) {
                  const row = el("tr");
                  row.append(el("td", p.name), el("td", p.in), el("td", p.required ? "required" : "optional"), el("td", JSON.stringify(p.schema)));
                  table.append(row);
                }
                body.append(table);
              }
              if (operation.requestBody) {
                body.append(el("h4", "Request body" + (operation.requestBody.required ? " (required)" : "")));
                for (const [type, media] of Object.entries(operation.requestBody.content || {})) body.append(el("p", type), show(media.schema));
              }
              body.append(el("h4", "Responses"));
              for (const [status, response] of Object.entries(operation.responses || {})) {
                body.append(el("p", status + " " + (response.description || "")));
                for (const [type, media] of Object.entries(response.content || {})) body.append(el("p", type), show(media.schema));
              }
              details.append(summary, body);
              main.append(details);
            }
          }
        })();
        </script>
        </body>
        </html>
        """;
}
