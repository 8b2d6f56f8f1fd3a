//! `#[command]` and `handler!`, the shell's replacement for `#[tauri::command]` and
//! `tauri::generate_handler!` (issue 13, item 4: the binary's size).
//!
//! Tauri's own macros answer every async command through its own future, and in a
//! release build Tauri spawns each of those futures as its own tokio task type: the
//! task machinery (poll, harness, shutdown, join handle …) was compiled once per
//! command, about 2 MB for the app's 247 commands. Here each command's future is
//! boxed and handed to one `dispatch::respond`, so the machinery exists once.
//!
//! What stays Tauri's: the arguments are read by `tauri::ipc::CommandArg`, with the
//! parameter's name in lowerCamelCase as the key, as `#[tauri::command]` reads them,
//! and the ACL is checked by Tauri before any handler runs. The command name is the
//! function's name.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{parse_macro_input, FnArg, Ident, ItemFn, Pat, Path, Token};

/// `first_name` → `firstName`: the key `#[tauri::command]` reads an argument by.
fn lower_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.trim_start_matches('_').chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The module `#[command]` puts a command's `call` in.
fn call_module(name: &Ident) -> Ident {
    format_ident!("__command_{}", name)
}

/// Marks an `async fn … -> CmdResult<T>` as a command and writes, beside it, the
/// `call` that `handler!` dispatches to: read each argument with Tauri's
/// `CommandArg`, run the function, answer through `crate::dispatch`.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return syn::Error::new(Span::call_site(), "#[command] takes no arguments")
            .to_compile_error()
            .into();
    }
    let function = parse_macro_input!(item as ItemFn);
    match expand(&function) {
        Ok(call) => quote!(#function #call).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(function: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let sig = &function.sig;
    if sig.asyncness.is_none() {
        return Err(syn::Error::new_spanned(
            sig.fn_token,
            "a command is an `async fn` returning CmdResult<T>",
        ));
    }
    let name = &sig.ident;
    let command = name.to_string();
    let mut args = Vec::new();
    for input in &sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(syn::Error::new_spanned(input, "a command takes no `self`"));
        };
        let Pat::Ident(ident) = &*typed.pat else {
            return Err(syn::Error::new_spanned(
                &typed.pat,
                "a command's parameters are plain names",
            ));
        };
        let key = lower_camel(&ident.ident.to_string());
        let ty = &typed.ty;
        args.push(quote! {
            <#ty as ::tauri::ipc::CommandArg<'_, R>>::from_command(::tauri::ipc::CommandItem {
                plugin: ::core::option::Option::None,
                name: #command,
                key: #key,
                message: &message,
                acl: &acl,
            })?
        });
    }
    let module = call_module(name);
    let vis = &function.vis;
    Ok(quote! {
        #[doc(hidden)]
        #vis mod #module {
            #[allow(unused_imports)]
            use super::*;
            pub fn call<R: ::tauri::Runtime>(invoke: ::tauri::ipc::Invoke<R>) {
                let ::tauri::ipc::Invoke { message, resolver, acl } = invoke;
                crate::dispatch::respond(resolver, ::std::boxed::Box::pin(async move {
                    crate::dispatch::body(super::#name(#(#args),*).await)
                }));
            }
        }
    })
}

/// `handler![app_status, store::setup_office, …]`: the closure for
/// `tauri::Builder::invoke_handler`, matching a command's name to its `call`.
#[proc_macro]
pub fn handler(input: TokenStream) -> TokenStream {
    let paths = parse_macro_input!(input with Punctuated::<Path, Token![,]>::parse_terminated);
    let mut arms = Vec::new();
    for path in paths {
        let mut call = path.clone();
        let Some(last) = call.segments.last_mut() else {
            continue;
        };
        let command = last.ident.to_string();
        last.ident = call_module(&last.ident);
        arms.push(quote!(#command => #call::call(invoke),));
    }
    quote! {
        |invoke| {
            match invoke.message.command() {
                #(#arms)*
                _ => return false,
            }
            true
        }
    }
    .into()
}
