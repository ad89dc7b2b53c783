using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace SocialPrescribing.Http;

/// <summary>
/// A request the framework could not read (a route or query value of the wrong form, a body it
/// cannot bind) gets a problem response with the framework's status (400, 413, 415…) and the
/// parameter's name, never a 500. The value itself is not repeated: it may be personal data.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, parameter) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : null),
            // A form past the framework's limits (a key or value too long, too many fields).
            InvalidDataException when httpContext.Request.HasFormContentType => (StatusCodes.Status400BadRequest, null),
            _ => (0, null),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = parameter is null
                ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "The request could not be read" }
                : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [parameter] = ["This value is not in the expected form."] })
                {
                    Status = status,
                    Title = "The request could not be read",
                },
        });
    }

    // e.g. Failed to bind parameter "Nullable<DateOnly> dateOfBirth" from "…".
    [GeneratedRegex("""parameter "[^"]*?(?<name>\w+)" from""")]
    private static partial Regex ParameterName();
}
