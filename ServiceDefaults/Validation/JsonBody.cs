using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.Validation;

/// <summary>
/// Reads a JSON request body defensively: wrong media type → 415, too large → 413, not JSON → 400,
/// each as RFC 7807 problem details. Never throws for the caller's mistakes.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    public static Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes, params string[] mediaTypes) =>
        ReadAsync(request, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken, maxBytes, mediaTypes);

    /// <summary>As above, parsed with <paramref name="options"/> (a deeper document, or trailing commas as some senders write them).</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, JsonDocumentOptions options, CancellationToken cancellationToken, int maxBytes, params string[] mediaTypes)
    {
        ArgumentNullException.ThrowIfNull(request);
        string[] accepted = mediaTypes.Length > 0 ? mediaTypes : [MediaTypeNames.Application.Json];
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (mediaType is null || !accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as {string.Join(" or ", accepted)}."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        // The parser checks UTF-8 only when a string is read: check the whole body first.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, Unreadable("The body is not valid UTF-8 text."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), options);
        }
        catch (JsonException ex)
        {
            return (null, Unreadable($"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."));
        }

        // No field takes a NUL character (\u0000), and PostgreSQL cannot store one. JSON can only carry
        // one escaped, so the walk over every string runs only for a body that holds the escape.
        if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\\u0000"u8) >= 0 && HasNul(document.RootElement))
        {
            document.Dispose();
            return (null, Unreadable("The body holds a NUL character (\\u0000)."));
        }

        return (document, null);
    }

    /// <summary>
    /// As <see cref="ReadAsync"/> (415, 413 and 400 as problems), then hands the body's root object to
    /// <paramref name="read"/> — null when the body is not an object, that mistake already recorded — with
    /// the errors its fields' mistakes go in. The document is disposed once <paramref name="read"/> returns.
    /// </summary>
    public static async Task<(ValidationErrors Errors, ProblemHttpResult? Problem)> ReadObjectAsync(
        HttpRequest request, Action<JsonObjectReader?, ValidationErrors> read, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(read);
        var errors = new ValidationErrors();
        var (document, problem) = await ReadAsync(request, cancellationToken, maxBytes);
        if (problem is not null)
        {
            return (errors, problem);
        }

        using (document)
        {
            read(JsonObjectReader.ForRoot(document!.RootElement, errors), errors);
        }

        return (errors, null);
    }

    private static bool HasNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Contains('\0', StringComparison.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNul),
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0', StringComparison.Ordinal) || HasNul(p.Value)),
        _ => false,
    };

    private static ProblemHttpResult Unreadable(string error) => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
    {
        ["$"] = [error],
    })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request body could not be read",
    });

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request too large",
        detail: $"The body may be at most {maxBytes / 1024} KB.");
}
