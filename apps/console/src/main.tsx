/** Entry point: renders the console into the page's #app element. */
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app')!);
