using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace SocialPrescribing.ServiceDefaults.Http;

/// <summary>
/// A JSON response serialised first and written in one piece with its <c>Content-Length</c>.
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult{TValue}"/> streams as it serialises
/// (chunked, in pieces), which for a page of tens of kilobytes means many small writes here and many
/// small reads at the gateway that relays it (docs/benchmarks.md). Use it for the larger read responses.
/// </summary>
public sealed class WholeJsonResult<TValue>(TValue value, JsonSerializerOptions options, int statusCode = StatusCodes.Status200OK)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<TValue>, IValueHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
}

/// <summary>Shorthand: <c>WholeJson.Of(page, options)</c>.</summary>
public static class WholeJson
{
    public static WholeJsonResult<TValue> Of<TValue>(TValue value, JsonSerializerOptions options, int statusCode = StatusCodes.Status200OK) =>
        new(value, options, statusCode);
}
