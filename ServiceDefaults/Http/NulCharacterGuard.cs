using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace SocialPrescribing.Http;

/// <summary>
/// Refuses a request whose path or query holds a NUL character (<c>%00</c>) with a 400 problem before
/// any endpoint runs: no field of the suite takes one, and PostgreSQL cannot store one. (JSON bodies
/// are checked by <see cref="Validation.JsonBody"/>.)
/// </summary>
internal sealed class NulCharacterGuard : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HasNul(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The address holds a NUL character",
                        Detail = "Remove %00 from the path and query.",
                    },
                });
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };

    private static bool HasNul(HttpRequest request) =>
        (request.Path.Value?.Contains('\0', StringComparison.Ordinal) ?? false)
        || request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
}
