window.__TAURI__.core.invoke('ready').then((n) => { document.getElementById('figure').textContent = String(n); });
