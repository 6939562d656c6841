import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// The preview server's one channel handler, between the HTTP codec and Hummingbird's request
/// handling, for two things Hummingbird leaves to the application:
///
/// - a request head over the decoder's limits (`HeaderLimits`) is answered `431 Request Header
///   Fields Too Large` and the connection closed (Hummingbird would answer a bare 400);
/// - an events stream whose client has gone (it closed its side: the page was closed or left) is
///   closed at once, instead of holding its connection and file descriptor until the next rebuild
///   tries to write to it. The server allows half-closed connections, so without this a closed
///   tab would only be noticed on the next write.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Whether an events stream response is being written on this connection.
    private var streamingEvents = false
    private var answeredOverflow = false

    static let tooLargeBody = "431 Request Header Fields Too Large\n"

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            streamingEvents = head.headerFields[.contentType]?.hasPrefix("text/event-stream") ?? false
        case .end:
            streamingEvents = false
        case .body:
            break
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed, streamingEvents {
            // Nobody is left to read the stream; ending it frees the connection now.
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        guard !answeredOverflow else { return }
        answeredOverflow = true
        let body = ByteBuffer(string: Self.tooLargeBody)
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        fields[.cacheControl] = "no-store"
        let head = HTTPResponse(status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"), headerFields: fields)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }
}

/// How big a request head may be. The request line counts too (as in swift-nio's decoder and
/// Node's `--max-http-header-size`), so an over-long URL also gets 431.
public enum HeaderLimits {
    /// Bytes in the request line and all header fields together: twice Node's 16 KiB default,
    /// so a localhost cookie jar shared by many dev servers still fits.
    public static let totalBytes = 32 * 1024
    /// Header fields in one request (Apache's LimitRequestFields).
    public static let fieldCount = 100
}
