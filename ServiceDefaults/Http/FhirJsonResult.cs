using Microsoft.AspNetCore.Http;

namespace SocialPrescribing.ServiceDefaults.Http;

/// <summary>A FHIR resource already serialised to JSON, answered as <c>application/fhir+json</c> (with a Location when given).</summary>
public sealed class FhirJsonResult(int statusCode, string json, string? location = null) : IResult
{
    public const string ContentType = "application/fhir+json";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = ContentType + "; charset=utf-8";
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
    }
}
