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

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes, params string[] mediaTypes)
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

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 16 }), null);
        }
        catch (JsonException ex)
        {
            return (null, Unreadable($"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."));
        }
    }

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
