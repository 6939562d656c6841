import BriefSite
import Hummingbird
import NIOCore

/// Answers every request: files of the built site from memory, the live-reload script and events,
/// and a plain refusal for anything else. Checks run in this order: Host (403), method (405),
/// target (400/404), then Range (416). Refusals have fixed short bodies that echo nothing back.
struct SiteResponder: HTTPResponder {
    typealias Context = ServeRequestContext

    let site: LiveSite
    let policy: HostPolicy

    func respond(to request: Request, context: Context) async throws -> Response {
        guard policy.allows(host: request.head.authority) else {
            return refusal(.forbidden, "403 Forbidden: this preview server answers only to localhost")
        }
        let isHead = request.method == .head
        guard request.method == .get || isHead else {
            var response = refusal(.methodNotAllowed, "405 Method Not Allowed")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let raw = request.head.path ?? ""
        let path: String
        switch RequestTarget.decodedPath(raw) {
        case .success(let decoded): path = decoded
        case .failure(.malformed): return refusal(.badRequest, "400 Bad Request")
        case .failure(.notFound): return await notFound(head: isHead)
        }

        if path.hasPrefix(LiveReload.reservedPrefix) {
            switch path {
            case LiveReload.eventsPath:
                return await events(request, head: isHead, context: context)
            case LiveReload.scriptPath:
                return file(Array(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", request: request, head: isHead)
            default:
                return refusal(.notFound, "404 Not Found")
            }
        }

        let snapshot = await site.snapshot
        let key = RequestTarget.fileKey(forDecodedPath: path)
        if let bytes = snapshot.files[key] {
            return serve(bytes, key: key, generation: snapshot.generation, request: request, head: isHead)
        }
        // "/briefs/x" for a folder with an index: send the browser to "/briefs/x/" so relative
        // links resolve. The location is the raw path, already checked, plus "/".
        if !path.hasSuffix("/"), snapshot.files[Route.indexFile(inFolder: key)] != nil {
            let location = String(raw.prefix { $0 != "?" }) + "/"
            var response = refusal(.movedPermanently, "301 Moved Permanently")
            response.headers[.location] = location
            return response
        }
        if !snapshot.hasSite, key.hasSuffix(".html") {
            // Nothing has built yet: a page that shows the errors and reloads once the site builds.
            let page = Array(Self.notBuiltPage.utf8)
            var response = serve(page, key: "not-built.html", generation: 0, request: request, head: isHead)
            response.status = .serviceUnavailable
            return response
        }
        return await notFound(head: isHead)
    }

    /// A built file; HTML gets the live-reload script. Honours one Range.
    private func serve(_ bytes: [UInt8], key: String, generation: Int, request: Request, head: Bool) -> Response {
        let type = MediaTypes.type(forPath: key)
        let body = key.hasSuffix(".html") ? LiveReload.inject(into: bytes, generation: generation) : bytes
        return file(body, type: type, request: request, head: head)
    }

    private func file(_ bytes: [UInt8], type: String, request: Request, head: Bool) -> Response {
        var headers = Self.commonHeaders
        headers[.contentType] = type
        headers[.acceptRanges] = "bytes"
        switch ByteRange.resolve(request.headers[.range], size: bytes.count) {
        case .whole:
            return respond(.ok, headers: headers, bytes: bytes[...], head: head)
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(bytes.count)"
            return respond(.partialContent, headers: headers, bytes: bytes[range], head: head)
        case .unsatisfiable:
            var response = refusal(.rangeNotSatisfiable, "416 Range Not Satisfiable")
            response.headers[.contentRange] = "bytes */\(bytes.count)"
            return response
        }
    }

    private func respond(_ status: HTTPResponse.Status, headers: HTTPFields, bytes: ArraySlice<UInt8>, head: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(bytes.count)
        if head { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The site's own 404 page when it has one (with the live-reload script), else plain text.
    private func notFound(head: Bool) async -> Response {
        let snapshot = await site.snapshot
        guard let page = snapshot.files[Route.notFound.path] else { return refusal(.notFound, "404 Not Found") }
        var headers = Self.commonHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        let body = LiveReload.inject(into: page, generation: snapshot.generation)
        return respond(.notFound, headers: headers, bytes: body[...], head: head)
    }

    /// The server-sent events stream. Origin, when present, must be this server's own.
    private func events(_ request: Request, head: Bool, context: Context) async -> Response {
        if let origin = request.headers[.origin], !policy.allows(origin: origin, host: request.head.authority) {
            return refusal(.forbidden, "403 Forbidden: cross-origin live reload")
        }
        var headers = Self.commonHeaders
        headers[.contentType] = "text/event-stream; charset=utf-8"
        if head { return Response(status: .ok, headers: headers, body: ResponseBody()) }
        let known = Self.generation(inQueryOf: request.head.path ?? "")
        let (id, stream) = await site.listen(knownGeneration: known)
        // When the connection closes (the page went away; ConnectionGuard closes it as soon as
        // the client does), the stream ends too, so no task or listener outlives it.
        let site = self.site
        context.channel.closeFuture.whenComplete { _ in
            Task { await site.end(id) }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // However the stream ends (a client leaving, shutdown), the writer is finished.
            do {
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event))
                }
            } catch {}
            try? await writer.finish(nil)
        })
    }

    private static func generation(inQueryOf raw: String) -> Int? {
        guard let question = raw.firstIndex(of: "?") else { return nil }
        for pair in raw[raw.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "generation" { return Int(parts[1]) }
        }
        return nil
    }

    private func refusal(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = Self.commonHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        let bytes = Array((text + "\n").utf8)
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Sent on every response. No Access-Control-* header is ever sent.
    private static let commonHeaders: HTTPFields = {
        var fields = HTTPFields()
        fields[.cacheControl] = "no-store"
        if let name = HTTPFields.Element.Name("X-Content-Type-Options") { fields[name] = "nosniff" }
        return fields
    }()

    private static let notBuiltPage = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>
    <body><h1>The site has not built yet</h1><p>Fix the errors below; this page reloads when the build succeeds.</p></body></html>
    """
}

/// Content types by file extension, for the files a Brief site contains.
enum MediaTypes {
    static func type(forPath path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}

/// Hummingbird's basic context plus the connection, so a long response (the events stream) can
/// end when its connection closes.
struct ServeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
