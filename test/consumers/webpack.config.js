import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';

export default {
  entry: './app/main.js',
  output: {
    path: fileURLToPath(new URL('dist-webpack', import.meta.url)),
    filename: 'main.js',
    publicPath: '/',
    clean: true,
  },
  plugins: [new HtmlWebpackPlugin({ template: './app/index.html', inject: false })],
  // The models and the wasm binary are large by nature and load in the worker, after the page:
  // webpack's size hint is about what blocks the page, so it leaves them out.
  performance: { assetFilter: (file) => !/\.(onnx|wasm)$/.test(file) },
};
