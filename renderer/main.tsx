import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/grids.css';
import './styles/jobcard.css';
import './styles/customers.css';
import './styles/audit.css';
import './styles/settings.css';
import './styles/reports.css';
import './styles/theme.css';
import { followTheme } from './shell/theme';

followTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
