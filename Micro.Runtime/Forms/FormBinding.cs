using System.ComponentModel;
using Micro.Routing;
using Microsoft.AspNetCore.Http;

namespace Micro.Forms;

/// <summary>How generated request delegates give a handler its form parameter.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FormBinding
{
    /// <summary>
    /// The form for a request, as Django's usual view makes it: unbound for GET, HEAD and OPTIONS (it shows the empty
    /// form), bound to the posted form for other methods (validated, with its errors). Null when the request was
    /// answered instead: a body that isn't a form is a 415, a malformed or oversized one a 400, as for any form parameter.
    /// </summary>
    public static async ValueTask<TForm?> BindAsync<TForm>(HttpContext context, string parameter)
        where TForm : class, IForm<TForm>
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = TForm.Info;
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return WithStorage(info.CreateUnbound(await info.LoadChoicesAsync(context.RequestServices, context.RequestAborted)), context.RequestServices);
        }

        var data = await RequestBinding.ReadFormAsync(context, parameter);
        if (data is null)
        {
            return null;
        }

        return WithStorage(info.Bind(data, await info.LoadChoicesAsync(context.RequestServices, context.RequestAborted)), context.RequestServices);
    }

    /// <summary>Gives a form with file columns the app's storage, which stores its uploads and links its files.</summary>
    internal static TForm WithStorage<TForm>(TForm form, IServiceProvider services)
        where TForm : IForm
    {
        if (form.State.Info.HasFileColumns)
        {
            form.State.Files ??= (Files.IFileStorage?)services.GetService(typeof(Files.IFileStorage));
        }

        return form;
    }
}
